/// A PostgreSQL type identified by its OID, e.g. `PostgresType.int8` or `PostgresType(oid: 16)`.
public struct PostgresType: Hashable, Sendable, CustomStringConvertible {
    /// The type's object identifier in `pg_type`.
    public var oid: UInt32

    /// Creates a type from its OID.
    public init(oid: UInt32) {
        self.oid = oid
    }

    /// `boolean`.
    public static let bool = PostgresType(oid: 16)
    /// `bytea`.
    public static let bytea = PostgresType(oid: 17)
    /// `name`, the type of catalog identifiers.
    public static let name = PostgresType(oid: 19)
    /// `bigint`.
    public static let int8 = PostgresType(oid: 20)
    /// `smallint`.
    public static let int2 = PostgresType(oid: 21)
    /// `integer`.
    public static let int4 = PostgresType(oid: 23)
    /// `text`.
    public static let text = PostgresType(oid: 25)
    /// `json` (stored as text).
    public static let json = PostgresType(oid: 114)
    /// `real`.
    public static let float4 = PostgresType(oid: 700)
    /// `double precision`.
    public static let float8 = PostgresType(oid: 701)
    /// `character(n)`.
    public static let bpchar = PostgresType(oid: 1042)
    /// `character varying`.
    public static let varchar = PostgresType(oid: 1043)
    /// `date`.
    public static let date = PostgresType(oid: 1082)
    /// `timestamp without time zone`.
    public static let timestamp = PostgresType(oid: 1114)
    /// `timestamp with time zone`.
    public static let timestamptz = PostgresType(oid: 1184)
    /// `numeric`.
    public static let numeric = PostgresType(oid: 1700)
    /// `uuid`.
    public static let uuid = PostgresType(oid: 2950)
    /// `jsonb`.
    public static let jsonb = PostgresType(oid: 3802)

    /// `boolean[]`.
    public static let boolArray = PostgresType(oid: 1000)
    /// `bytea[]`.
    public static let byteaArray = PostgresType(oid: 1001)
    /// `smallint[]`.
    public static let int2Array = PostgresType(oid: 1005)
    /// `integer[]`.
    public static let int4Array = PostgresType(oid: 1007)
    /// `text[]`.
    public static let textArray = PostgresType(oid: 1009)
    /// `character varying[]`.
    public static let varcharArray = PostgresType(oid: 1015)
    /// `bigint[]`.
    public static let int8Array = PostgresType(oid: 1016)
    /// `real[]`.
    public static let float4Array = PostgresType(oid: 1021)
    /// `double precision[]`.
    public static let float8Array = PostgresType(oid: 1022)
    /// `date[]`.
    public static let dateArray = PostgresType(oid: 1182)
    /// `timestamptz[]`.
    public static let timestamptzArray = PostgresType(oid: 1185)
    /// `numeric[]`.
    public static let numericArray = PostgresType(oid: 1231)
    /// `uuid[]`.
    public static let uuidArray = PostgresType(oid: 2951)
    /// `jsonb[]`.
    public static let jsonbArray = PostgresType(oid: 3807)

    private static let arrayTypes: [PostgresType: PostgresType] = [
        .bool: .boolArray, .bytea: .byteaArray, .int2: .int2Array, .int4: .int4Array, .text: .textArray,
        .varchar: .varcharArray, .int8: .int8Array, .float4: .float4Array, .float8: .float8Array,
        .date: .dateArray, .timestamptz: .timestamptzArray, .numeric: .numericArray, .uuid: .uuidArray,
        .jsonb: .jsonbArray,
    ]

    /// The one-dimensional array type whose elements have this type, e.g. `PostgresType.int4.arrayType == .int4Array`.
    public var arrayType: PostgresType? {
        Self.arrayTypes[self]
    }

    /// The OID as text, e.g. `"23"`.
    public var description: String {
        "\(oid)"
    }
}
