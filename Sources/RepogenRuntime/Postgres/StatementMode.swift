/// How statements reach the server: named prepared statements kept per connection, or unnamed ones, parsed with
/// every execution, for a pooler that hands a client's transactions to different server connections.
///
/// ```swift
/// var pooled = try DatabaseConfiguration(url: "postgres://app@pgbouncer.internal:6432/quotes")
/// pooled.statements = .unnamed   // PgBouncer in transaction pooling mode
/// ```
public enum StatementMode: String, Sendable, Hashable, CaseIterable {
    /// `PREPARE` once per connection, then only `Bind`/`Execute`: the fastest, and the default. Needs the same
    /// server session for the connection's whole life (a direct connection, or PgBouncer in session mode).
    case prepared
    /// Parse, bind and execute as one unnamed statement in each batch, so nothing outlives the batch's sync on the
    /// server: works through PgBouncer's transaction pooling (1.18 cannot carry named statements). Session
    /// features are refused: the cache's LISTEN needs its own direct URL, and migrations a direct connection.
    case unnamed
}
