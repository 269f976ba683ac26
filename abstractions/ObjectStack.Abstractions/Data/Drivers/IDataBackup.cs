namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>
/// Backup and restore of a datasource, implemented by drivers that support it (both first-party drivers do); the
/// host's <c>os backup</c> and <c>os restore</c> find it on the registered <see cref="IDataDriver"/>.
/// </summary>
/// <remarks>
/// A backup holds every managed table with its rows, the schema history and the autonumber counters, so a restore
/// reproduces the database as it was, and autonumbers continue where they stopped. The format is the driver's own.
/// Nothing else may write to the database during a restore: stop the servers first.
/// </remarks>
public interface IDataBackup
{
    /// <summary>Writes a consistent backup of the whole database to a file, while the database stays online.</summary>
    /// <param name="path">The file to create; an existing file is replaced only when the backup is complete.</param>
    /// <param name="cancellationToken">Cancels the backup; no partial file is left.</param>
    /// <returns>What the backup holds.</returns>
    Task<BackupSummary> BackupAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Replaces the database's managed tables with a backup's, atomically where the database allows.</summary>
    /// <param name="path">A file written by <see cref="BackupAsync"/> of the same driver.</param>
    /// <param name="force">Restore even when the database holds records (they are lost).</param>
    /// <param name="cancellationToken">Cancels the restore; a cancelled restore changes nothing.</param>
    /// <returns>What was restored.</returns>
    /// <exception cref="DataOperationException">With <see cref="DataErrorCode.ValidationFailed"/> when the file is not a
    /// backup of this driver, or the database holds records and <paramref name="force"/> is false.</exception>
    Task<BackupSummary> RestoreAsync(string path, bool force, CancellationToken cancellationToken = default);
}
