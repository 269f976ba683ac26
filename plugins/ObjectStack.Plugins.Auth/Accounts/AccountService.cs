using System.Net.Mail;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Plugins.Auth.Endpoints;
using ObjectStack.Plugins.Auth.Objects;
using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth.Accounts;

/// <summary>
/// E-mail and password accounts: sign-up (the first account becomes the platform admin; afterwards the sign-up mode
/// decides), and the password check of a sign-in, which costs one hash whether or not the account exists.
/// </summary>
internal sealed class AccountService(
    IDataEngine engine,
    PasswordHasher hasher,
    PasswordHashingGate gate,
    PasswordPolicy policy,
    AuthOptions options,
    TimeProvider time) : IDisposable
{
    /// <summary>The provider id of password credentials in <c>sys_account</c>.</summary>
    public const string CredentialProvider = "credential";

    private static readonly OperationContext System = OperationContext.System("auth: accounts");
    private readonly SemaphoreSlim _signUp = new(1, 1);

    /// <summary>Creates an account with a password.</summary>
    /// <returns>The new <c>sys_user</c> record.</returns>
    /// <exception cref="AuthException">The e-mail, name or password is refused, the address is taken, or sign-up is closed.</exception>
    public async Task<IReadOnlyDictionary<string, object?>> SignUpAsync(string email, string password, string name, CancellationToken cancellationToken)
    {
        var address = NormalizeEmail(email) ?? throw new AuthException(400, "INVALID_EMAIL", "The e-mail address is not valid.");
        if (name.Length > 200)
        {
            throw new AuthException(400, "VALIDATION_ERROR", "'name' must be at most 200 characters.");
        }

        if (policy.Check(password, address) is { } problem)
        {
            throw new AuthException(400, problem.Code, problem.Message);
        }

        var hash = await gate.RunAsync(() => hasher.Hash(password), cancellationToken).ConfigureAwait(false);

        // One sign-up at a time in this process, so two first accounts cannot both become the admin.
        await _signUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var first = (await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.User, Limit = 1 }, cancellationToken).ConfigureAwait(false)).Records.Count == 0;
            if (!first)
            {
                await RequireSignUpAllowedAsync(address, cancellationToken).ConfigureAwait(false);
            }

            if (await FindUserAsync(address, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new AuthException(422, "USER_ALREADY_EXISTS", "An account with this e-mail address already exists.");
            }

            await using var transaction = await engine.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var user = await transaction.InsertAsync(System, AuthObjectNames.User, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = name.Trim().Length > 0 ? name.Trim() : address.Split('@')[0],
                ["email"] = address,
                ["role"] = first ? "admin" : "user",
                ["password_changed_at"] = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            await transaction.InsertAsync(System, AuthObjectNames.Account, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["user_id"] = user.Id,
                ["provider_id"] = CredentialProvider,
                ["account_id"] = user.Id,
                ["password_hash"] = hash,
            }, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return user.Record;
        }
        finally
        {
            _signUp.Release();
        }
    }

    /// <summary>Checks an e-mail and password; the same cost and the same refusal whatever is wrong.</summary>
    /// <returns>The <c>sys_user</c> record.</returns>
    /// <exception cref="AuthException">The credentials are not valid.</exception>
    public async Task<IReadOnlyDictionary<string, object?>> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var address = NormalizeEmail(email);
        var user = address is null ? null : await FindUserAsync(address, cancellationToken).ConfigureAwait(false);
        var account = user is null ? null : await FindCredentialAsync((string)user["id"]!, cancellationToken).ConfigureAwait(false);
        var stored = account?["password_hash"] as string;
        var valid = await gate.RunAsync(
            () =>
            {
                if (stored is null)
                {
                    hasher.VerifyNothing(password);
                    return false;
                }

                return hasher.Verify(password, stored);
            },
            cancellationToken).ConfigureAwait(false);
        if (!valid || user is null || user["banned"] is true)
        {
            throw AuthException.InvalidCredentials();
        }

        if (hasher.NeedsRehash(stored!))
        {
            var rehashed = await gate.RunAsync(() => hasher.Hash(password), cancellationToken).ConfigureAwait(false);
            await engine.UpdateAsync(System, AuthObjectNames.Account, (string)account!["id"]!, new Dictionary<string, object?> { ["password_hash"] = rehashed }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    /// <summary>Replaces a user's password after checking the current one.</summary>
    /// <returns>The <c>sys_user</c> record.</returns>
    /// <exception cref="AuthException">The current password is wrong (400 <c>INVALID_PASSWORD</c>) or the new one is
    /// refused by the policy; nothing changes.</exception>
    public async Task<IReadOnlyDictionary<string, object?>> ChangePasswordAsync(
        string userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await GetUserAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw AuthException.Unauthorized();
        var account = await FindCredentialAsync(userId, cancellationToken).ConfigureAwait(false);
        var stored = account?["password_hash"] as string;
        var valid = await gate.RunAsync(() => stored is not null && hasher.Verify(currentPassword, stored), cancellationToken).ConfigureAwait(false);
        if (!valid)
        {
            throw new AuthException(400, "INVALID_PASSWORD", "The current password is not correct.");
        }

        if (policy.Check(newPassword, user["email"] as string) is { } problem)
        {
            throw new AuthException(400, problem.Code, problem.Message);
        }

        var hash = await gate.RunAsync(() => hasher.Hash(newPassword), cancellationToken).ConfigureAwait(false);
        await using var transaction = await engine.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await transaction.UpdateAsync(System, AuthObjectNames.Account, (string)account!["id"]!, new Dictionary<string, object?> { ["password_hash"] = hash }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var updated = await transaction.UpdateAsync(System, AuthObjectNames.User, userId, new Dictionary<string, object?> { ["password_changed_at"] = time.GetUtcNow() }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated.Record;
    }

    /// <inheritdoc />
    public void Dispose() => _signUp.Dispose();

    /// <summary>Records a successful sign-in on the user.</summary>
    public Task RecordSignInAsync(string userId, CancellationToken cancellationToken) =>
        engine.UpdateAsync(System, AuthObjectNames.User, userId, new Dictionary<string, object?> { ["last_login_at"] = time.GetUtcNow() }, cancellationToken: cancellationToken);

    /// <summary>Reads a user by id.</summary>
    public Task<IReadOnlyDictionary<string, object?>?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        engine.GetAsync(System, AuthObjectNames.User, userId, cancellationToken: cancellationToken);

    /// <summary>Trims and lower-cases an address; null when it is not one plain address.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 0 and <= 320 }
            && MailAddress.TryCreate(trimmed, out var parsed)
            && parsed.Address == trimmed
            && parsed.DisplayName.Length == 0
            ? trimmed.ToLowerInvariant()
            : null;
    }

    private async Task RequireSignUpAllowedAsync(string address, CancellationToken cancellationToken)
    {
        switch (options.SignUp)
        {
            case SignUpModes.Open:
                return;
            case SignUpModes.InviteOnly:
                var invitations = await engine.FindAsync(System, new RecordQuery
                {
                    ObjectName = AuthObjectNames.Invitation,
                    Filter = FilterNode.All(
                        new ComparisonFilter("email", FilterOperator.Eq, address),
                        new ComparisonFilter("status", FilterOperator.Eq, "pending"),
                        new ComparisonFilter("expires_at", FilterOperator.Gt, time.GetUtcNow())),
                    Limit = 1,
                }, cancellationToken).ConfigureAwait(false);
                if (invitations.Records.Count > 0)
                {
                    return;
                }

                throw new AuthException(403, "SIGN_UP_DISABLED", "Sign-up needs an invitation; ask an administrator to invite you.");
            default:
                throw new AuthException(403, "SIGN_UP_DISABLED", "Sign-up is closed; ask an administrator to create your account.");
        }
    }

    private async Task<IReadOnlyDictionary<string, object?>?> FindUserAsync(string address, CancellationToken cancellationToken) =>
        (await engine.FindAsync(System, new RecordQuery
        {
            ObjectName = AuthObjectNames.User,
            Filter = new ComparisonFilter("email", FilterOperator.Eq, address),
            Limit = 1,
        }, cancellationToken).ConfigureAwait(false)).Records is [var first, ..] ? first : null;

    private async Task<IReadOnlyDictionary<string, object?>?> FindCredentialAsync(string userId, CancellationToken cancellationToken) =>
        (await engine.FindAsync(System, new RecordQuery
        {
            ObjectName = AuthObjectNames.Account,
            Filter = FilterNode.All(
                new ComparisonFilter("user_id", FilterOperator.Eq, userId),
                new ComparisonFilter("provider_id", FilterOperator.Eq, CredentialProvider)),
            Limit = 1,
        }, cancellationToken).ConfigureAwait(false)).Records is [var first, ..] ? first : null;
}
