using NuGet.Versioning;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Loading;

/// <summary>Validates the raw values of a plugin attribute and turns them into a <see cref="PluginManifest"/>.</summary>
internal static class PluginManifestFactory
{
    /// <summary>The raw values read from an assembly, however they were read.</summary>
    public sealed record RawManifest(
        string Id,
        string EntryTypeName,
        string[] Provides,
        string[] Requires,
        string[] OptionallyUses,
        string? AbstractionsVersionRange,
        string? Description,
        string? InformationalVersion,
        Version? AssemblyVersion,
        Version? BuiltAgainstAbstractions);

    /// <summary>Builds the manifest, or returns every problem found.</summary>
    public static (PluginManifest? Manifest, List<string> Problems) Create(RawManifest raw)
    {
        var problems = new List<string>();
        if (!Identifiers.IsDottedId(raw.Id))
        {
            problems.Add($"the plugin id '{raw.Id}' is not lower-case and dot-separated, such as 'acme.billing'");
        }

        foreach (var (name, values) in new[] { ("Provides", raw.Provides), ("Requires", raw.Requires), ("OptionallyUses", raw.OptionallyUses) })
        {
            foreach (var value in values.Where(v => !Identifiers.IsDottedId(v)))
            {
                problems.Add($"{name} names '{value}', which is not a capability id such as 'objectstack.audit'");
            }
        }

        var version = NormalizeVersion(raw.InformationalVersion, raw.AssemblyVersion);
        if (version is null)
        {
            problems.Add($"its version '{raw.InformationalVersion}' is not a semantic version; set <Version> in the plugin's project");
        }

        var range = raw.AbstractionsVersionRange;
        if (range is not null)
        {
            if (!VersionRange.TryParse(range, out _))
            {
                problems.Add($"AbstractionsVersionRange '{range}' is not a NuGet version range such as '[0.1.0, 0.2.0)'");
            }
        }
        else if (raw.BuiltAgainstAbstractions is { } builtAgainst)
        {
            range = CaretRange(builtAgainst);
        }
        else
        {
            problems.Add("it does not reference ObjectStack.Abstractions");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var manifest = new PluginManifest(
            raw.Id, version!, raw.EntryTypeName, raw.Provides, raw.Requires, raw.OptionallyUses, range!, raw.Description);
        return (manifest, problems);
    }

    /// <summary>The caret range of a version: same major (for 0.x, same minor), at least that version.</summary>
    public static string CaretRange(Version builtAgainst)
    {
        var lower = new NuGetVersion(builtAgainst.Major, builtAgainst.Minor, Math.Max(0, builtAgainst.Build));
        var upper = builtAgainst.Major > 0
            ? new NuGetVersion(builtAgainst.Major + 1, 0, 0)
            : new NuGetVersion(0, builtAgainst.Minor + 1, 0);
        return $"[{lower.ToNormalizedString()}, {upper.ToNormalizedString()})";
    }

    private static string? NormalizeVersion(string? informational, Version? assemblyVersion)
    {
        if (informational is not null)
        {
            var withoutMetadata = informational.Split('+')[0];
            return SemanticVersion.TryParse(withoutMetadata, out var semantic) ? semantic.ToNormalizedString() : null;
        }

        return assemblyVersion is null ? null : new NuGetVersion(assemblyVersion.Major, assemblyVersion.Minor, Math.Max(0, assemblyVersion.Build)).ToNormalizedString();
    }
}
