/// Refuses risky migration steps the schema's author has not acknowledged.
///
/// ```swift
/// let errors = MigrationLint.check(plan, acknowledgements: schema.acknowledgements, allowDestructive: false)
/// // schema.yaml:21:3: error: drops column quotes.legacy_notes and its data (...); acknowledge it with ...
/// ```
public enum MigrationLint {
    /// One located error per unacknowledged risk, plus every change the diff cannot generate.
    public static func check(
        _ plan: MigrationPlan, acknowledgements: [Acknowledgement], allowDestructive: Bool
    ) -> [Diagnostic] {
        var diagnostics = plan.unsupported
        guard !allowDestructive else { return diagnostics }
        for step in plan.steps {
            for risk in step.risks where !isAcknowledged(risk, by: acknowledgements) {
                diagnostics.append(.error(
                    "\(risk.message); acknowledge it in the schema with "
                        + "`acknowledge: [ \(risk.acknowledgementSyntax) ]` or pass --allow-destructive",
                    at: risk.location))
            }
        }
        return diagnostics
    }

    /// Whether an acknowledgement of the same kind names the risk's target.
    public static func isAcknowledged(_ risk: MigrationRisk, by acknowledgements: [Acknowledgement]) -> Bool {
        acknowledgements.contains { $0.kind == risk.kind && $0.target == risk.target }
    }
}
