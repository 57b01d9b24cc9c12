/// Writes a `SchemaModel` as block-style YAML, quoting every scalar that would not read back as the same text.
///
/// Double-quoted scalars escape quotes, backslashes, control characters and the invisible or direction-changing
/// characters (zero-width, bidi controls, line separators), so a fixture file shows exactly what the reader gets.
struct YAMLWriter {
    private(set) var lines: [String] = []

    /// The YAML text of `schema`, preceded by `comment` lines (`# ...`).
    static func text(of schema: SchemaModel, comment: [String] = []) -> String {
        var writer = YAMLWriter()
        writer.lines = comment.map { "# " + $0 }
        writer.lines.append("version: 1")
        writer.writeEnums(schema.enums)
        writer.writeEntities(schema.entities)
        if !schema.acknowledgements.isEmpty {
            writer.lines.append("acknowledge:")
            for item in schema.acknowledgements {
                writer.lines.append("  - \(scalar(item.kind)): \(scalar(item.target))")
            }
        }
        return writer.lines.joined(separator: "\n") + "\n"
    }

    /// A plain scalar when the text is a simple word that YAML reads as itself, else a double-quoted one.
    static func scalar(_ text: String) -> String {
        let specials: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"]
        let bytes = Array(text.utf8)
        let isWord = !bytes.isEmpty && bytes.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x20
        } && bytes.first != 0x20 && bytes.last != 0x20
        return isWord && !specials.contains(text.lowercased()) ? text : quoted(text)
    }

    /// A value written plain when YAML keeps it as typed (`true`, `-1.5`, `2024-02-29`), else double-quoted.
    static func plainValue(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-:")
        let safe = !text.isEmpty && text.allSatisfy(allowed.contains) && text.first != ":" && text.last != ":"
        return safe ? text : quoted(text)
    }

    /// A double-quoted YAML scalar of `text`.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            default:
                let value = scalar.value
                let invisible = value < 0x20 || (0x7F...0x9F).contains(value) || (0x200B...0x200F).contains(value)
                    || (0x2028...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0xFEFF
                result += invisible ? "\\u" + hex(value, width: 4) : String(scalar)
            }
        }
        return result + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private mutating func writeEnums(_ enums: [EnumModel]) {
        guard !enums.isEmpty else { return }
        lines.append("enums:")
        for item in enums {
            lines.append("  \(Self.scalar(item.name)):")
            if let doc = item.doc {
                lines.append("    values:")
                list(item.values, indent: 6)
                lines.append("    doc: \(Self.quoted(doc))")
            } else {
                list(item.values, indent: 4)
            }
        }
    }

    private mutating func writeEntities(_ entities: [EntityModel]) {
        guard !entities.isEmpty else { return }
        lines.append("entities:")
        for entity in entities {
            lines.append("  \(Self.scalar(entity.name)):")
            writeEntityKeys(entity)
            lines.append("    fields:")
            for field in entity.fields {
                writeField(field)
            }
            writeIndexes(entity.indexes)
            writeFinders(entity.finders)
            writeRelations("has_many", entity.hasMany)
            writeRelations("has_one", entity.hasOne)
        }
    }

    private mutating func writeEntityKeys(_ entity: EntityModel) {
        let indent = "    "
        key("table", entity.table, indent)
        if let doc = entity.doc { lines.append(indent + "doc: " + Self.quoted(doc)) }
        key("renamed_from", entity.renamedFrom, indent)
        flag("soft_delete", entity.softDelete, indent)
        flag("versioned", entity.versioned, indent)
        flag("audited", entity.audited, indent)
        flag("timestamps", entity.timestamps, indent)
        flag("append_only", entity.appendOnly, indent)
        key("tenant", entity.tenant, indent)
        guard let cache = entity.cache else { return }
        lines.append(indent + "cache:")
        key("ttl", cache.ttl.map(String.init), indent + "  ")
        key("tier", cache.tier, indent + "  ")
        key("queries", cache.queriesAll.map(String.init), indent + "  ")
        if !cache.queries.isEmpty {
            lines.append(indent + "  queries:")
            for item in cache.queries {
                lines.append(indent + "    \(item.kind): \(item.seconds)")
            }
        }
        if cache.ttl == nil && cache.tier == nil && cache.queriesAll == nil && cache.queries.isEmpty {
            lines[lines.count - 1] += " {}"
        }
    }

    private mutating func writeField(_ field: FieldModel) {
        let indent = "        "
        lines.append("      \(Self.scalar(field.name)):")
        let before = lines.count
        key("type", field.type, indent)
        key("belongs_to", field.belongsTo, indent)
        key("on_delete", field.onDelete, indent)
        flag("primary", field.primary, indent)
        flag("optional", field.optional, indent)
        flag("unique", field.unique, indent)
        if let value = field.defaultValue {
            lines.append(indent + "default: " + (field.defaultIsText ? Self.quoted(value) : Self.plainValue(value)))
        }
        key("max", field.max.map(String.init), indent)
        key("precision", field.precision.map(String.init), indent)
        key("scale", field.scale.map(String.init), indent)
        if let doc = field.doc { lines.append(indent + "doc: " + Self.quoted(doc)) }
        key("renamed_from", field.renamedFrom, indent)
        if lines.count == before { lines[before - 1] += " {}" }
    }

    private mutating func writeIndexes(_ indexes: [IndexModel]) {
        guard !indexes.isEmpty else { return }
        lines.append("    indexes:")
        for index in indexes {
            lines.append("      - columns:")
            list(index.columns, indent: 10)
            flag("unique", index.unique, "        ")
            key("name", index.name, "        ")
            if let predicate = index.predicate { lines.append("        where: " + Self.quoted(predicate)) }
            key("using", index.using, "        ")
        }
    }

    private mutating func writeFinders(_ finders: [FinderModel]) {
        guard !finders.isEmpty else { return }
        lines.append("    finders:")
        for finder in finders {
            lines.append("      - name: " + Self.scalar(finder.name))
            lines.append("        by:")
            list(finder.by, indent: 10)
            if let order = finder.order {
                lines.append("        order:")
                list(order, indent: 10)
            }
            flag("unique", finder.unique, "        ")
        }
    }

    private mutating func writeRelations(_ kind: String, _ relations: [RelationModel]) {
        guard !relations.isEmpty else { return }
        lines.append("    \(kind):")
        for relation in relations {
            lines.append("      \(Self.scalar(relation.name)):")
            key("entity", relation.entity, "        ")
            key("by", relation.by, "        ")
            key("through", relation.through, "        ")
        }
    }

    private mutating func key(_ name: String, _ value: String?, _ indent: String) {
        guard let value else { return }
        lines.append(indent + name + ": " + Self.scalar(value))
    }

    private mutating func flag(_ name: String, _ value: Bool?, _ indent: String) {
        guard let value else { return }
        lines.append(indent + name + ": " + String(value))
    }

    private mutating func list(_ items: [String], indent: Int) {
        let prefix = String(repeating: " ", count: indent) + "- "
        for item in items {
            lines.append(prefix + Self.scalar(item))
        }
    }
}
