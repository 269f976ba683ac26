namespace ObjectStack.Hosting.Data.Seeding;

/// <summary>What applying the seed data did.</summary>
/// <param name="Inserted">Records inserted.</param>
/// <param name="Updated">Existing records changed.</param>
/// <param name="Unchanged">Existing records that already held the seed values, or that the mode leaves alone.</param>
public sealed record SeedReport(int Inserted, int Updated, int Unchanged);
