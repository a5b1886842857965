using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Serialization.Direct;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Parsing;

/// <summary>
/// The direct Observation reader against Firely's strict parser: on the generator's Observations of every style and on
/// thousands of seeded mutations of them, whatever it accepts Firely accepts too, as the same object written as the same
/// bytes; whatever Firely refuses, it declines.
/// </summary>
public sealed class DirectObservationReaderTests
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    public static TheoryData<SyntheticStyle> Styles => [SyntheticStyle.Standard, SyntheticStyle.Synthea, SyntheticStyle.MedAgentBench];

    [Theory]
    [MemberData(nameof(Styles))]
    public void TryRead_EveryGeneratedObservation_FirelysObjectAndBytes(SyntheticStyle style)
    {
        var observations = Generated(style);
        var declined = new List<string>();

        foreach (var json in observations)
        {
            if (DirectObservationReader.TryRead(json, out var direct))
                AssertSame(json, direct);
            else
                declined.Add(Encoding.UTF8.GetString(json));
        }

        // The imaging findings carry elements the reader leaves to Firely (derivedFrom, bodySite); every lab, vital and survey is read.
        Assert.True(declined.Count * 50 < observations.Count, $"{declined.Count} of {observations.Count} declined, e.g. {declined.FirstOrDefault()}");
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void TryRead_MutatedObservations_AcceptsOnlyWhatFirelyAcceptsAndReadsItTheSame(SyntheticStyle style)
    {
        var random = new Random(20261204 + (int)style);
        var shapes = Generated(style).Where(j => DirectObservationReader.TryRead(j, out _))
            .DistinctBy(j => string.Join(',', ((JsonObject)JsonNode.Parse(j)!).Select(p => p.Key))).ToList();
        int accepted = 0, bothRefused = 0, leftToFirely = 0;

        foreach (var shape in shapes)
        {
            foreach (var json in ObservationMutations.Of((JsonObject)JsonNode.Parse(shape)!, random, 1_500 / shapes.Count + 1))
            {
                var firely = FirelyOrNull(json);
                if (DirectObservationReader.TryRead(json, out var direct))
                {
                    Assert.True(firely is not null, "accepted what Firely refuses: " + Encoding.UTF8.GetString(json));
                    AssertSame(json, direct);
                    accepted++;
                }
                else if (firely is null)
                    bothRefused++;
                else
                    leftToFirely++;
            }
        }

        // Each outcome seen many times, so the mutations reach both sides of the line.
        Assert.All(new[] { accepted, bothRefused, leftToFirely }, n => Assert.True(n > 100, $"accepted {accepted}, both refused {bothRefused}, left to Firely {leftToFirely}"));
    }

    [Theory]
    [InlineData("\"status\":\"final\",", "")] // status is required
    [InlineData("\"status\":\"final\"", "\"status\":\"Final\"")]
    [InlineData("\"effectiveDateTime\":\"2024-01-02T10:00:00+00:00\"", "\"effectiveDateTime\":\"2024-02-30T10:00:00+00:00\"")]
    [InlineData("\"effectiveDateTime\":\"2024-01-02T10:00:00+00:00\"", "\"effectiveDateTime\":\"2024-01-02T10:00:00\"")]
    [InlineData("\"value\":4.10", "\"value\":\"4.10\"")]
    [InlineData("\"code\":\"mmol/L\"", "\"code\":\"mmol/L\",\"code\":\"mmol/L\"")]
    [InlineData("\"valueQuantity\"", "\"valueString\":\"4.1\",\"valueQuantity\"")]
    public void Parse_CommonShapeWithAProblem_FirelysErrorAsBefore(string find, string replace)
    {
        var json = Potassium.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Potassium, json);

        var error = Assert.Throws<FhirGatewayException>(() => FhirJson.Parse(json, "line 3"));
        var firelys = Assert.Throws<FhirGatewayException>(() => FhirJson.ParseWithFirely(Encoding.UTF8.GetBytes(json), "line 3"));

        Assert.False(DirectObservationReader.TryRead(Encoding.UTF8.GetBytes(json), out _));
        Assert.Equal(firelys.Message, error.Message);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_Potassium_EveryValueAsWritten()
    {
        Assert.True(DirectObservationReader.TryRead(Encoding.UTF8.GetBytes(Potassium), out var observation));

        var quantity = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal("4.10", quantity.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("mmol/L", "http://unitsofmeasure.org", "mmol/L"), (quantity.Unit, quantity.System, quantity.Code));
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal("2024-01-02T10:00:00+00:00", ((FhirDateTime)observation.Effective).Value);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 11, 30, 0, 500, TimeSpan.FromHours(1)), observation.Issued);
        Assert.Equal(("http://loinc.org", "6298-4", "Potassium"), (observation.Code.Coding[0].System, observation.Code.Coding[0].Code, observation.Code.Coding[0].Display));
        Assert.Equal("Patient/p1", observation.Subject.Reference);
        Assert.Equal((3.5m, 5.1m), (observation.ReferenceRange[0].Low.Value, observation.ReferenceRange[0].High.Value));
        Assert.Equal("H", observation.Interpretation[0].Coding[0].Code);
        AssertSame(Encoding.UTF8.GetBytes(Potassium), observation);
    }

    private const string Potassium = """
        {"resourceType":"Observation","id":"k1","status":"final",
         "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
         "code":{"coding":[{"system":"http://loinc.org","code":"6298-4","display":"Potassium"}],"text":"K"},
         "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-01-02T10:00:00+00:00","issued":"2024-01-02T11:30:00.500+01:00",
         "valueQuantity":{"value":4.10,"unit":"mmol/L","system":"http://unitsofmeasure.org","code":"mmol/L"},
         "interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"H"}]}],
         "referenceRange":[{"low":{"value":3.5,"unit":"mmol/L"},"high":{"value":5.1,"unit":"mmol/L"}}]}
        """;

    private static List<byte[]> Generated(SyntheticStyle style) =>
    [
        .. new SyntheticPatientGenerator(new SyntheticOptions(6, 11, Now, style)).Generate()
            .OfType<Observation>().Select(o => FhirJson.SerializeToBytes(o)),
    ];

    private static Resource? FirelyOrNull(byte[] json)
    {
        try
        {
            return FhirJson.ParseWithFirely(json);
        }
        catch (FhirGatewayException)
        {
            return null;
        }
    }

    private static void AssertSame(byte[] json, Observation direct)
    {
        var firely = FhirJson.ParseWithFirely(json);
        Assert.True(direct.IsExactly(firely), "not Firely's object: " + Encoding.UTF8.GetString(json));
        Assert.Equal(Encoding.UTF8.GetString(FhirJson.SerializeToBytes(firely)), Encoding.UTF8.GetString(FhirJson.SerializeToBytes(direct)));
    }
}
