import Foundation

/// Sizes as Kanister's outputs carry them (restic's form): `512 B`,
/// `1.500 KiB`, `10.457 MiB`, `2.000 GiB`, `1.000 TiB`.
public enum ResticSize {
    public static func format(_ bytes: Int64) -> String {
        let value = Double(bytes)
        let units: [(Int64, String)] = [(1 << 40, "TiB"), (1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            return String(format: "%.3f", value / Double(size)) + " " + unit
        }
        return "\(bytes) B"
    }
}
