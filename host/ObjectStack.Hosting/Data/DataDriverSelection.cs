using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Hosting.Data;

/// <summary>Picks the one data driver the enabled plugins registered.</summary>
internal static class DataDriverSelection
{
    /// <summary>Returns the only driver.</summary>
    /// <exception cref="InvalidOperationException">No driver, or several, are registered.</exception>
    public static IDataDriver Single(IEnumerable<IDataDriver> drivers)
    {
        var all = drivers.ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw new InvalidOperationException(
                "No data driver is enabled: enable 'objectstack.driver.sqlite' (embedded, the default) or 'objectstack.driver.postgres' in objectstack.json."),
            _ => throw new InvalidOperationException(
                $"Several data drivers are enabled ({string.Join(", ", all.Select(d => d.Name))}); enable exactly one."),
        };
    }
}
