import RepogenRuntime

extension Loan {
    /// Whether the loan is still out after its due date: hand-written code beside the generated `Loan`.
    public func isOverdue(on today: CalendarDate) -> Bool {
        state == .active && dueOn < today
    }
}
