using ClinicalAgent.Fhir.Rest;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

public sealed class BundleUrlRewriterTests
{
    [Fact]
    public void MakeAbsolute_RelativeLinksAndFullUrls_PrefixesBase()
    {
        var bundle = new Bundle
        {
            Link = [new Bundle.LinkComponent { Relation = "next", Url = "Observation?patient=1&_count=50&_offset=50" }],
            Entry = [new Bundle.EntryComponent { FullUrl = "Observation/123" }],
        };

        BundleUrlRewriter.MakeAbsolute(bundle, "http://host:5000/base/fhir");

        Assert.Equal("http://host:5000/base/fhir/Observation?patient=1&_count=50&_offset=50", bundle.Link[0].Url);
        Assert.Equal("http://host:5000/base/fhir/Observation/123", bundle.Entry[0].FullUrl);
    }

    [Fact]
    public void MakeAbsolute_AbsoluteAndUrnUrls_LeavesThemAlone()
    {
        var bundle = new Bundle
        {
            Link = [new Bundle.LinkComponent { Relation = "self", Url = "https://other.example/fhir/Patient?_id=1" }],
            Entry = [new Bundle.EntryComponent { FullUrl = "urn:uuid:0b7c4d52-2f0e-4f5b-9a53-1d8ec0c2b1a1" }],
        };

        BundleUrlRewriter.MakeAbsolute(bundle, "http://host/fhir");

        Assert.Equal("https://other.example/fhir/Patient?_id=1", bundle.Link[0].Url);
        Assert.Equal("urn:uuid:0b7c4d52-2f0e-4f5b-9a53-1d8ec0c2b1a1", bundle.Entry[0].FullUrl);
    }
}
