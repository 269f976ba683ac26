namespace ObjectStack.Host.Commands.Doctor;

/// <summary>The outcome of one go-live check. Messages never carry credentials.</summary>
/// <param name="Check">A stable dotted id, such as <c>database.tls</c>.</param>
/// <param name="Status">Ok, warn or error.</param>
/// <param name="Message">What was found.</param>
/// <param name="Fix">What to do about it; null when the status is ok.</param>
internal sealed record DoctorFinding(string Check, DoctorStatus Status, string Message, string? Fix = null);
