// Placeholder until TestPostgres lands; safe to delete.
