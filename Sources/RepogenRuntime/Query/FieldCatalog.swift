/// The limit a column puts on a value, checked before sending (`FieldValidation`).
public enum FieldLimit: Sendable, Hashable {
    /// `varchar(n)`: at most `n` characters, counted as PostgreSQL counts them (Unicode scalars).
    case length(Int)
    /// `numeric(precision, scale)`: at most `precision - scale` integer and `scale` fractional digits.
    case decimal(precision: Int, scale: Int)
}

/// Which schema fields an entity's columns, constraints and limits belong to; generated per entity, so a refused
/// write names the fields (`RepogenError.fields`) and not only a constraint or SQLSTATE.
///
/// ```swift
/// static let fieldCatalog = FieldCatalog(
///     table: "users", columns: ["email": "email"], constraints: ["users_email_key": ["email"]],
///     limits: [(field: "email", limit: .length(320))])
/// ```
public struct FieldCatalog: Sendable {
    /// The unquoted table name.
    public let table: String
    /// Column name → Swift field name.
    public let columns: [String: String]
    /// Constraint or unique index name → the Swift names of its fields, in key order; another entity's foreign key
    /// to this one names its field as `Entity.field` (a delete refused by `on_delete: restrict` reports it).
    public let constraints: [String: [String]]
    /// The length and precision limits, in declaration order.
    public let limits: [(field: String, limit: FieldLimit)]

    /// Creates a catalog; generated code calls this.
    public init(
        table: String, columns: [String: String], constraints: [String: [String]],
        limits: [(field: String, limit: FieldLimit)]
    ) {
        self.table = table
        self.columns = columns
        self.constraints = constraints
        self.limits = limits
    }

    /// A catalog that names no field, for hand-written entities.
    public static let empty = FieldCatalog(table: "", columns: [:], constraints: [:], limits: [])

    /// The fields a server error belongs to: by constraint name (generated names start with their table, so they
    /// are unique in the schema), by column of this table, or (for 22001 and 22003, which name neither) every
    /// field whose limit matches the one the message or detail states; empty when none is known.
    func fields(for error: RepogenError) -> [String] {
        switch error.violation {
        case .unique, .foreignKey, .check, .exclusion:
            return error.constraint.flatMap { constraints[$0] } ?? []
        case .notNull:
            guard error.table == table else { return [] }
            return error.column.flatMap { columns[$0] }.map { [$0] } ?? []
        case .tooLong:
            guard let match = error.message.firstMatch(of: /character(?: varying)?\((\d+)\)/),
                let length = Int(match.output.1)
            else { return [] }
            return fields(limitedTo: .length(length))
        case .outOfRange:
            guard let match = error.detail?.firstMatch(of: /precision (\d+), scale (\d+)/),
                let precision = Int(match.output.1), let scale = Int(match.output.2)
            else { return [] }
            return fields(limitedTo: .decimal(precision: precision, scale: scale))
        case .tooManyFractionalDigits, nil:
            return []
        }
    }

    private func fields(limitedTo limit: FieldLimit) -> [String] {
        limits.filter { $0.limit == limit }.map(\.field)
    }
}

extension RepogenError {
    /// This error with `fields` set from `catalog` when it is a violation the catalog can attribute.
    public func namingFields(from catalog: FieldCatalog) -> RepogenError {
        guard violation != nil, fields.isEmpty, sqlState != nil else {
            return self
        }
        var named = self
        named.fields = catalog.fields(for: self)
        return named
    }
}

extension QueryRepository {
    /// Runs one of the repository's writes; a refused value's error names the entity's fields.
    public func runWrite(_ statement: PostgresStatement, _ binds: PostgresBindings) async throws
        -> PostgresQueryResult
    {
        do {
            return try await executor.run(statement, binds)
        } catch let error as RepogenError {
            throw error.namingFields(from: Entity.fieldCatalog)
        }
    }

    /// Runs `statement` over chunks of `inputs` as `runBatched` does; a refused value's error names the fields.
    public func runWriteBatched<Input>(
        _ statement: PostgresStatement, _ inputs: [Input], binds: (ArraySlice<Input>) -> PostgresBindings
    ) async throws -> [Entity] {
        do {
            return try await executor.runBatched(statement, inputs, binds: binds, decode: Entity.decode)
        } catch let error as RepogenError {
            throw error.namingFields(from: Entity.fieldCatalog)
        }
    }
}
