import Foundation

/// `time.Month` and `time.Weekday`: ints that print as English names.
struct GoEnum: GoObject, Sendable {
    let goTypeName: String
    let value: Int
    let goDescription: String
    var goKind: String { "int" }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func month(_ m: Int) -> GoEnum { GoEnum(goTypeName: "time.Month", value: m, goDescription: monthNames[m - 1]) }
    static func weekday(_ d: Int) -> GoEnum { GoEnum(goTypeName: "time.Weekday", value: d, goDescription: dayNames[d]) }

    func member(_ name: String) -> GoMember? {
        name == "String" ? .method(TemplateFunction(name) { [goDescription] _ in .string(goDescription) }) : nil
    }

    func goEquals(_ other: any GoObject) -> Bool? {
        guard let o = other as? GoEnum else { return false }
        return o.goTypeName == goTypeName && o.value == value
    }
}
