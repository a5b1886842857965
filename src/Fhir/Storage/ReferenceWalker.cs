using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Visits every Reference element of a resource, contained resources and extensions included.</summary>
internal static class ReferenceWalker
{
    public static void Visit(Base element, Action<ResourceReference> visit)
    {
        if (element is ResourceReference reference)
        {
            visit(reference);
        }

        if (element is PrimitiveType)
        {
            return;
        }

        foreach (var (_, value) in element.EnumerateElements())
        {
            switch (value)
            {
                case Base child:
                    Visit(child, visit);
                    break;
                case IEnumerable<Base> children:
                    foreach (var child in children)
                    {
                        Visit(child, visit);
                    }

                    break;
            }
        }
    }
}
