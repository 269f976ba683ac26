using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Security;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Full access for every authenticated principal, so the suite runs as a normal user as well as the system; a
/// principal acting in an organization sees and changes only that organization's records of organization-scoped
/// objects, so the suite can check what the driver does behind the organization wall.
/// </summary>
internal sealed class ConformanceAccessPolicy : IAccessPolicy
{
    public ValueTask<ObjectAccess> GetAccessAsync(OperationContext context, ObjectDefinition obj, CancellationToken cancellationToken)
    {
        if (!context.IsAuthenticated)
        {
            return ValueTask.FromResult(ObjectAccess.None);
        }

        if (context.OrganizationId is { } organization && obj.OrganizationScoped)
        {
            var wall = new ComparisonFilter(SystemFieldNames.OrganizationId, FilterOperator.Eq, organization);
            return ValueTask.FromResult(new ObjectAccess { CanRead = true, CanCreate = true, CanEdit = true, CanDelete = true, ReadFilter = wall, EditFilter = wall });
        }

        return ValueTask.FromResult(ObjectAccess.Full);
    }
}
