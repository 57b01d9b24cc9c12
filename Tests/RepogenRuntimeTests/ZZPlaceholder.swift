// Placeholder until runtime tests land; safe to delete.
