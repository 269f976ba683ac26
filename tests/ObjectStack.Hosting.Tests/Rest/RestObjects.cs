namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>The objects every REST test host serves (the <c>objects</c> section of its configuration).</summary>
internal static class RestObjects
{
    /// <summary>
    /// <c>account</c> (unique required name, a read-only code, a select, a self lookup; searchable by name only),
    /// <c>contact</c> (two required names, a lookup to account), <c>item</c> (for paging), the delete-behaviour pairs
    /// <c>region</c>/<c>store</c> (restrict), <c>project</c>/<c>task</c> (master_detail, cascade) and
    /// <c>team</c>/<c>member</c> (set_null), and the API-gated <c>archive</c> (API disabled) and <c>report</c> (get and list only).
    /// </summary>
    public const string Json = """
        {
          "account": {
            "fields": {
              "name": { "type": "text", "required": true, "unique": true },
              "amount": { "type": "currency" },
              "status": { "type": "select", "options": [ { "label": "Open", "value": "open" }, { "label": "Closed", "value": "closed" } ] },
              "description": { "type": "textarea" },
              "code": { "type": "text", "readonly": true },
              "parent": { "type": "lookup", "reference": "account" }
            },
            "searchableFields": ["name"]
          },
          "contact": {
            "fields": {
              "first_name": { "type": "text", "required": true },
              "last_name": { "type": "text", "required": true },
              "age": { "type": "number" },
              "account": { "type": "lookup", "reference": "account" }
            }
          },
          "item": {
            "fields": {
              "label": { "type": "text" },
              "rank": { "type": "number" }
            }
          },
          "region": { "fields": { "name": { "type": "text" } } },
          "store": {
            "fields": {
              "name": { "type": "text" },
              "region": { "type": "lookup", "reference": "region", "deleteBehavior": "restrict" }
            }
          },
          "project": { "fields": { "name": { "type": "text" } } },
          "task": {
            "fields": {
              "name": { "type": "text" },
              "project": { "type": "master_detail", "reference": "project" }
            }
          },
          "team": { "fields": { "name": { "type": "text" } } },
          "member": {
            "fields": {
              "name": { "type": "text" },
              "team": { "type": "lookup", "reference": "team", "deleteBehavior": "set_null" }
            }
          },
          "archive": {
            "fields": { "name": { "type": "text" } },
            "enable": { "apiEnabled": false }
          },
          "report": {
            "fields": { "name": { "type": "text" } },
            "enable": { "apiMethods": ["get", "list"] }
          }
        }
        """;
}
