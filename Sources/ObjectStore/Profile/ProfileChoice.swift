/// A profile field that takes one of a few words (`location.type`, addressing).
///
/// Decoding an unknown word names the allowed ones; the synthesized decoder
/// says only "cannot initialize …".
protocol ProfileChoice: RawRepresentable<String>, CaseIterable, Decodable {
    /// What the field is called in messages ("location type").
    static var profileFieldName: String { get }
}

extension ProfileChoice {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: ProfileDecodingProblem.notOneOf(
                    text, what: Self.profileFieldName, allowed: Self.allCases.map(\.rawValue)))
        }
        self = value
    }
}
