namespace ObjectStack.Plugins.Auth.Passwords;

/// <summary>Why a new password is refused.</summary>
/// <param name="Code">The stable error code, such as <c>PASSWORD_TOO_SHORT</c>.</param>
/// <param name="Message">The explanation for the user; it never repeats the password.</param>
internal sealed record PasswordProblem(string Code, string Message);
