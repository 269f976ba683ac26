namespace ObjectStack.Host.Commands.Doctor;

/// <summary>How a go-live check came out.</summary>
internal enum DoctorStatus
{
    /// <summary>Nothing to do.</summary>
    Ok,

    /// <summary>Works, but weaker than it should be in production.</summary>
    Warn,

    /// <summary>Must be fixed before going live; <c>os doctor</c> exits non-zero.</summary>
    Error,
}
