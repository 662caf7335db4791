import Foundation

/// A Go value whose `encoding/json` form is not the generic one (Go types with a
/// `MarshalJSON` method: `time.Time`, `*semver.Version`, `time.Duration`).
protocol GoJSONMarshaler {
    /// The JSON value Go's `MarshalJSON` produces, as a ``Value`` to encode.
    var goJSONValue: Value { get }
}
