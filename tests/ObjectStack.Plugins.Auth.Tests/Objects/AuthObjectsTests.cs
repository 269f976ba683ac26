using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Hosting.Metadata;
using ObjectStack.Plugins.Auth.Objects;

namespace ObjectStack.Plugins.Auth.Tests.Objects;

/// <summary>The identity objects: contributed as metadata, migrated at boot, their secrets internal.</summary>
[NonParallelizable]
public sealed class AuthObjectsTests
{
    private static readonly string[] SecretFields =
    [
        "sys_session.token_hash", "sys_account.password_hash", "sys_account.access_token", "sys_account.refresh_token",
        "sys_account.id_token", "sys_verification.value_hash", "sys_verification.data", "sys_two_factor.secret",
        "sys_two_factor.backup_codes", "sys_two_factor.last_used_step", "sys_api_key.key_hash",
        "sys_device_code.device_code_hash", "sys_device_code.user_code_hash",
    ];

    private AuthTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await AuthTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Boot_WithThePlugin_MigratesEveryIdentityObject()
    {
        var registry = _host.Services.GetRequiredService<MetadataRegistry>();
        var engine = _host.Services.GetRequiredService<IDataEngine>();
        var system = OperationContext.System("auth tests");

        Assert.That(registry.Objects.Select(o => o.Name).Where(n => n.StartsWith("sys_", StringComparison.Ordinal)), Is.EquivalentTo(AuthObjectNames.All));
        foreach (var name in AuthObjectNames.All)
        {
            var result = await engine.FindAsync(system, new RecordQuery { ObjectName = name, IncludeTotal = true });
            Assert.That(result.Total, Is.Zero, $"{name} has a table and no rows");
        }
    }

    [Test]
    public void Secrets_AreInternal_AndAbsentFromTheCallersView()
    {
        var registry = _host.Services.GetRequiredService<MetadataRegistry>();

        Assert.Multiple(() =>
        {
            foreach (var path in SecretFields)
            {
                var (objectName, fieldName) = (path.Split('.')[0], path.Split('.')[1]);
                Assert.That(registry.Find(objectName)!.FindField(fieldName)?.Internal, Is.True, path);
                Assert.That(registry.Public.Find(objectName)!.FindField(fieldName), Is.Null, $"{path} is hidden from callers");
            }

            var internalFields = registry.Objects.SelectMany(o => o.Fields.Where(f => f.Internal).Select(f => $"{o.Name}.{f.Name}"));
            Assert.That(internalFields, Is.EquivalentTo(SecretFields), "every internal field is a secret, and the other way round");
        });
    }

    [Test]
    public async Task SystemContext_StoresAUserWithItsCredentialAccount()
    {
        var engine = _host.Services.GetRequiredService<IDataEngine>();
        var system = OperationContext.System("auth tests");

        var user = await engine.InsertAsync(system, AuthObjectNames.User, new Dictionary<string, object?> { ["name"] = "Ada", ["email"] = "ada@example.com" });
        var account = await engine.InsertAsync(system, AuthObjectNames.Account, new Dictionary<string, object?>
        {
            ["user_id"] = user.Id,
            ["provider_id"] = "credential",
            ["account_id"] = user.Id,
            ["password_hash"] = "$pbkdf2-sha512$i=1$x$y",
        });

        Assert.Multiple(() =>
        {
            Assert.That(user.Record["role"], Is.EqualTo("user"));
            Assert.That(user.Record["email_verified"], Is.False);
            Assert.That(user.Record["failed_login_count"], Is.EqualTo(0m));
            Assert.That(account.Record["password_hash"], Is.EqualTo("$pbkdf2-sha512$i=1$x$y"));
        });
        var duplicate = Assert.ThrowsAsync<DataOperationException>(() => engine.InsertAsync(system, AuthObjectNames.User, new Dictionary<string, object?> { ["name"] = "Other", ["email"] = "ada@example.com" }));
        Assert.That(duplicate!.Code, Is.EqualTo(DataErrorCode.DuplicateValue), "one account per e-mail address");
    }
}
