import Foundation
import QuoteMaster
import RepogenRuntime

/// Typed specifications, keyset pagination, a bulk write and the audit trail it leaves.
extension DemoSession {
    func showQueries(_ user: User) async throws {
        let today = CalendarDate(year: 2027, month: 2, day: 5)
        let spec: Specification<Quote> = .open && (.expiringWithin(days: 30, from: today) || Quote.totalAmount > 1000)
        let matches = try await db.quotes.find(where: spec, orderBy: [Quote.totalAmount.descending], limit: 10)
        print("specification: open and (expiring within 30 days or over 1000): "
            + matches.map(\.title).joined(separator: ", "))
        var cursor: Cursor?
        var pages: [String] = []
        repeat {
            let page = try await db.quotes.page(
                where: Quote.ownerID == user.id, orderBy: [Quote.createdAt.descending], after: cursor, limit: 2)
            pages.append("[" + page.items.map(\.title).joined(separator: ", ") + "]")
            cursor = page.nextCursor
        } while cursor != nil
        print("keyset pages of 2: " + pages.joined(separator: " "))
        let expired = try await db.transaction(actor: user.id) { tx in
            try await tx.quotes.updateMany(
                where: Quote.validUntil < today && .open, set: [Quote.status.set(.expired)])
        }
        print("bulk update: \(expired) quote(s) past their date marked expired, by \(user.displayName)")
        try await showAuditTrail()
    }

    func showAuditTrail() async throws {
        let entries = try await db.auditEntries.findAll(limit: 1000)
        print("audit trail: \(entries.count) entries; the last three:")
        for entry in entries.suffix(3) {
            let image = entry.after ?? entry.before
            guard case .object(let members)? = image else { continue }
            let changed = members.keys.sorted().joined(separator: ", ")
            print("  \(entry.action.rawValue) \(entry.entity) \(entry.entityID.prefix(8)) by "
                + "\(entry.actorID.map { String($0.uuidString.prefix(8)) } ?? "nobody"), "
                + "changed: \(changed.prefix(80))")
        }
    }
}
