import Foundation

extension TemplateSet {
    /// The text of every built-in template by name, as embedded from `templates/` when RepogenCore was built.
    public static var builtInTemplates: [String: String] {
        DefaultTemplates.lines.mapValues { $0.joined() }
    }

    /// The built-in templates, each reported at `<built-in>/NAME.mustache` should one ever fail to parse.
    static var builtInSources: [Source] {
        builtInTemplates.sorted { $0.key < $1.key }.map { name, text in
            Source(name: name, text: text, path: "<built-in>/\(name).mustache")
        }
    }

    /// `NAME.mustache` for every required name in `directory`, with an error for each one that cannot be read.
    static func loadRequired(directory: String) -> (sources: [Source], diagnostics: [Diagnostic]) {
        var sources: [Source] = []
        var diagnostics: [Diagnostic] = []
        for name in requiredNames {
            let path = (directory as NSString).appendingPathComponent(name + ".mustache")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                diagnostics.append(.error("cannot read template '\(name).mustache'", at: .start(of: path)))
                continue
            }
            sources.append(Source(name: name, text: text, path: path))
        }
        return (sources, diagnostics)
    }

    /// Every `NAME.mustache` in `directory`, with an error for the directory or a file that cannot be read.
    static func loadOverrides(directory: String) -> (sources: [Source], diagnostics: [Diagnostic]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return ([], [.unreadable("the template directory", path: directory)])
        }
        var sources: [Source] = []
        var diagnostics: [Diagnostic] = []
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                diagnostics.append(.error("cannot read template '\(file)'", at: .start(of: path)))
                continue
            }
            sources.append(Source(name: String(file.dropLast(".mustache".count)), text: text, path: path))
        }
        return (sources, diagnostics)
    }

    /// A warning for each override that is neither a required template nor included by any template.
    static func unusedPartials(in overrides: [Source], all sources: [Source]) -> [Diagnostic] {
        overrides.filter { source in
            guard !requiredNames.contains(source.name) else { return false }
            let include = try? Regex("\\{\\{>\\s*\(NSRegularExpression.escapedPattern(for: source.name))\\s*\\}\\}")
            return !sources.contains { other in include.map { other.text.contains($0) } ?? false }
        }.map { source in
            .warning("template '\(source.name).mustache' replaces no built-in template (" +
                requiredNames.joined(separator: ", ") + ") and no template includes it with {{> \(source.name)}}",
                at: .start(of: source.path))
        }
    }
}
