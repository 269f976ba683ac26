namespace ObjectStack.Abstractions.Data;

/// <summary>One invalid value: the field, a stable lower-case code such as <c>required</c> or <c>max_length</c>, and a message.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Code">The code: <c>required</c>, <c>invalid_type</c>, <c>max_length</c>, <c>min_length</c>, <c>min</c>,
/// <c>max</c>, <c>precision</c>, <c>invalid_option</c>, <c>invalid_email</c>, <c>invalid_url</c>, <c>invalid_phone</c>,
/// <c>invalid_reference</c>, <c>unknown_field</c> or a code an interceptor defines.</param>
/// <param name="Message">A message safe to show the caller.</param>
public sealed record FieldError(string Field, string Code, string Message);
