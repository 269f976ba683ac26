using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Plugins.Auth.Objects;

namespace ObjectStack.Plugins.Auth.Tests.Endpoints;

/// <summary>Sessions changed outside the auth routes (an admin's data call, a rolled-back write) over real HTTP.</summary>
public sealed class SessionRevocationTests
{
    private static readonly OperationContext System = OperationContext.System("auth tests");

    [Test]
    public async Task SessionRevokedThroughTheDataEngine_IsRefusedOnTheNextRequest()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: token)).Text, Is.Not.EqualTo("null"), "cached after this");
        var engine = host.Services.GetRequiredService<IDataEngine>();
        var session = (await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.Session })).Records.Single();

        await engine.UpdateAsync(System, AuthObjectNames.Session, (string)session["id"]!, new Dictionary<string, object?> { ["revoked_at"] = DateTimeOffset.UtcNow });

        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: token)).Text, Is.EqualTo("null"));
    }

    [Test]
    public async Task SessionRevocationRolledBack_LeavesTheSessionWorking()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");
        var engine = host.Services.GetRequiredService<IDataEngine>();
        var session = (await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.Session })).Records.Single();

        await using (var transaction = await engine.BeginTransactionAsync())
        {
            await transaction.UpdateAsync(System, AuthObjectNames.Session, (string)session["id"]!, new Dictionary<string, object?> { ["revoked_at"] = DateTimeOffset.UtcNow });
        }

        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: token)).Text, Is.Not.EqualTo("null"));
    }

    [Test]
    public async Task SessionRevokedInATransaction_WorksUntilTheCommitAndIsRefusedRightAfter()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");
        var engine = host.Services.GetRequiredService<IDataEngine>();
        var sessionId = (string)(await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.Session })).Records.Single()["id"]!;

        await using (var transaction = await engine.BeginTransactionAsync())
        {
            await transaction.UpdateAsync(System, AuthObjectNames.Session, sessionId, new Dictionary<string, object?> { ["revoked_at"] = DateTimeOffset.UtcNow });

            // Read while the revocation is written but not committed: the request sees the committed (live) row and
            // caches it — the commit must throw that copy away.
            Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: token)).Text, Is.Not.EqualTo("null"), "not revoked before the commit");
            await transaction.CommitAsync();
        }

        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: token)).Text, Is.EqualTo("null"));
    }
}
