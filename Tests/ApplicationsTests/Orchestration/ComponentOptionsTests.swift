@testable import Applications
import BlueprintEngine
import BlueprintFunctions
import Testing

/// `--option NAME:key=value` reaches one component; annotations give defaults.
struct ComponentOptionsTests {
    static func workload(_ name: String, annotations: [String: String] = [:]) -> DiscoveredWorkload {
        DiscoveredWorkload(kind: "StatefulSet", name: name, namespace: "shop", blueprintName: "postgresql",
                           target: LocalTarget(document: ["metadata": .map(["name": .string(name),
                                                                            "annotations": .map(annotations.mapValues(ArgumentValue.string))])]))
    }

    @Test func scopedOptionsAreSplitFromGlobalOnes() throws {
        let options = try ComponentOptions(["port=1", "pg:port=5432", "host=a:b", "mariadb:database=shop"])
        #expect(options.global == ["port=1", "host=a:b"])
        #expect(options.scoped == ["pg": ["port": "5432"], "mariadb": ["database": "shop"]])
    }

    @Test func precedenceIsAnnotationThenGlobalThenScoped() throws {
        let options = try ComponentOptions(["port=1", "pg:database=mine"])
        var target = try LocalTarget.load(appFile: nil, options: options.global)
        let pg = Self.workload("pg", annotations: ["blueprint.dev/option.port": "9", "blueprint.dev/option.user": "app",
                                                   "blueprint.dev/option.database": "fromannotation"])
        options.apply(to: &target, workload: pg, annotations: ApplicationRunner.annotations(of: pg))
        #expect(target.options == ["port": "1", "user": "app", "database": "mine"])
    }

    @Test func anOptionForAnUnknownComponentNamesTheComponents() throws {
        let options = try ComponentOptions(["pgx:port=5432"])
        let error = #expect(throws: ApplicationError.self) { try options.check(components: ["pg", "mariadb"]) }
        #expect(error?.description.contains("pgx:port=5432") == true)
        #expect(error?.description.contains("pg, mariadb") == true)
        #expect(throws: ApplicationError.self) { try ComponentOptions([":port=1"]) }
    }
}
