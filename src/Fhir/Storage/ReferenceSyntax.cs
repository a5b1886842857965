using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Checks every reference of a resource before it is stored: the text must be a well-formed FHIR reference
/// (<c>Type/id</c>, <c>Type/id/_history/version</c>, <c>#contained</c>, an absolute URL) naming a known R4 type,
/// and the type must be one the element allows (Observation.subject: Patient, Group, Device or Location), as
/// Firely's model declares. Whether the target exists is a separate question, answered when the write unit ends.
/// </summary>
internal static partial class ReferenceSyntax
{
    // Null means any type: the element is Reference(Any), or an extension's value.
    private static readonly ConcurrentDictionary<(Type Parent, string Name), string[]?> Targets = new();

    /// <summary>
    /// Throws a 422 naming the first malformed or mistyped reference of <paramref name="resource"/>; <paramref name="lazyPaths"/>
    /// false builds every element's path text as the walk goes, as before (the store-load benchmark's comparison).
    /// </summary>
    public static void Check(Resource resource, bool lazyPaths = true)
    {
        if (lazyPaths)
            Visit(resource, new ElementPath(resource.TypeName));
        else
            Visit(resource, resource.TypeName);
    }

    private static void Visit(Base element, ElementPath path)
    {
        foreach (var (name, value) in element.EnumerateElements())
        {
            switch (value)
            {
                case PrimitiveType:
                    break;
                case Base child:
                    path.Push(name);
                    VisitChild(element, name, child, path);
                    path.Pop();
                    break;
                case IEnumerable<Base> children:
                    var index = 0;
                    foreach (var child in children)
                    {
                        path.Push(name, index++);
                        VisitChild(element, name, child, path);
                        path.Pop();
                    }

                    break;
            }
        }
    }

    private static void VisitChild(Base parent, string name, Base child, ElementPath path)
    {
        if (child is ResourceReference { Reference: { } text })
        {
            CheckText(text, path, TargetsOf(parent.GetType(), name));
        }

        Visit(child, path);
    }

    private static void Visit(Base element, string path)
    {
        foreach (var (name, value) in element.EnumerateElements())
        {
            switch (value)
            {
                case PrimitiveType:
                    break;
                case Base child:
                    VisitChild(element, name, child, $"{path}.{name}");
                    break;
                case IEnumerable<Base> children:
                    var index = 0;
                    foreach (var child in children)
                    {
                        VisitChild(element, name, child, $"{path}.{name}[{index++}]");
                    }

                    break;
            }
        }
    }

    private static void VisitChild(Base parent, string name, Base child, string path)
    {
        if (child is ResourceReference { Reference: { } text })
        {
            CheckText(text, path, TargetsOf(parent.GetType(), name));
        }

        Visit(child, path);
    }

    // The path's text is built only when the reference fails: the same check again with it throws the same error,
    // naming the path, as the check with every path built does.
    private static void CheckText(string text, ElementPath path, IReadOnlyCollection<string>? allowed)
    {
        try
        {
            CheckText(text, "", allowed);
        }
        catch (FhirGatewayException)
        {
            CheckText(text, path.ToString(), allowed);
            throw;
        }
    }

    /// <summary>Checks one reference text found at <paramref name="path"/>; <paramref name="allowed"/> null allows any type.</summary>
    internal static void CheckText(string text, string path, IReadOnlyCollection<string>? allowed)
    {
        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            throw Invalid(path, $"'{text}' is not a reference: a reference has no spaces (Type/id).");
        }

        if (text[0] == '#' || text.StartsWith("urn:", StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal))
        {
            // Contained, urn: and conditional references are resolved (or refused) by the write that carries them.
            return;
        }

        string type;
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                throw Invalid(path, $"'{text}' is not a valid absolute URL.");
            }

            // Only a URL that ends in Type/id says its type; other URLs (a document, an external system) stand as given.
            if (!ReferenceText.TryParseLocal(text, out type, out _))
            {
                return;
            }
        }
        else
        {
            var segments = text.Split('/');
            var versioned = segments.Length == 4 && segments[2] == "_history" && IdPattern().IsMatch(segments[3]);
            if (segments.Length != 2 && !versioned)
            {
                throw Invalid(path, $"'{text}' is not a reference of the form Type/id or Type/id/_history/version.");
            }

            type = segments[0];
            if (!SearchParameterRegistry.Default.IsResourceType(type))
            {
                throw Invalid(path, $"'{text}' names '{type}', which is not an R4 resource type.");
            }

            if (!IdPattern().IsMatch(segments[1]))
            {
                throw Invalid(path, segments[1].Length == 0
                    ? $"'{text}' has no id after the type."
                    : $"'{text}' has id '{segments[1]}', which is not a valid FHIR id (1–64 of A-Z a-z 0-9 - .).");
            }
        }

        if (allowed is not null && !allowed.Contains(type))
        {
            throw Invalid(path, $"'{text}' refers to a {type}, but {path} may refer to {string.Join(", ", allowed)} only.");
        }
    }

    private static string[]? TargetsOf(Type parent, string name) =>
        Targets.GetOrAdd((parent, name), key =>
        {
            var property = ModelInfo.ModelInspector.FindOrImportClassMapping(key.Parent)?.FindMappedElementByName(key.Name)?.NativeProperty;
            var types = property?.GetCustomAttributes<ReferencesAttribute>().SelectMany(a => a.Resources).Distinct().ToArray() ?? [];
            return types.Length == 0 || types.Contains("Resource") ? null : types;
        });

    private static FhirGatewayException Invalid(string path, string text) =>
        FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Invalid, $"{path}: {text}", path);

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
