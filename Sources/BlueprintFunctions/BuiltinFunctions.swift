import BlueprintEngine

/// Every built-in function; add one line here when adding a function file.
public enum BuiltinFunctions {
    public static let all: [any BlueprintFunction.Type] = [
        BackupData.self,
        BackupDataAll.self,
        BackupDataStats.self,
        CheckRepository.self,
        CopyVolumeData.self,
        CreateCSISnapshot.self,
        CreateCSISnapshotStatic.self,
        CreateCSISnapshots.self,
        CreateRDSSnapshot.self,
        DeleteCSISnapshot.self,
        DeleteCSISnapshotContent.self,
        DeleteCSISnapshots.self,
        WaitCSISnapshot.self,
        DeleteData.self,
        DeleteDataAll.self,
        DeleteRDSSnapshot.self,
        Exec.self,
        ExportRDSSnapshotToLocation.self,
        FsyncLock.self,
        FsyncUnlock.self,
        KubeExec.self,
        KubeExecAll.self,
        KubeOps.self,
        KubeTask.self,
        LocationDelete.self,
        MultiContainerRun.self,
        MysqlDump.self,
        MysqlRestore.self,
        PgDump.self,
        PgRestore.self,
        PrepareData.self,
        RestoreCSISnapshot.self,
        RestoreData.self,
        RestoreDataAll.self,
        RestoreRDSSnapshot.self,
        ScaleWorkload.self,
        Wait.self,
        WaitV2.self,
        Webhook.self,
    ]

    public static let registry = FunctionRegistry(all)
}
