using ClinicalAgent.Tools.Formatting;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Formatting;

public sealed class DosageTextTests
{
    [Fact]
    public void Of_TabletTwiceDaily_DoseRouteFrequency()
    {
        var dosage = new Dosage
        {
            Text = "Take 1 tablet twice daily",
            Route = new CodeableConcept("http://snomed.info/sct", "26643006", "Oral route"),
            Timing = new Timing { Repeat = new Timing.RepeatComponent { Frequency = 2, Period = 1, PeriodUnit = Timing.UnitsOfTime.D } },
            DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = 1m, Unit = "tablet" } }],
        };

        Assert.Equal(("1 tablet", "Oral route", "2 times a day", "Take 1 tablet twice daily"), DosageText.Of([dosage]));
    }

    [Fact]
    public void Of_EveryFourToSixHoursAsNeededForPain_PeriodRangeAndReason()
    {
        var dosage = new Dosage
        {
            Timing = new Timing { Repeat = new Timing.RepeatComponent { Frequency = 1, Period = 4, PeriodMax = 6, PeriodUnit = Timing.UnitsOfTime.H } },
            AsNeeded = new CodeableConcept { Text = "pain" },
            DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Hl7.Fhir.Model.Range { Low = new Quantity { Value = 1m, Unit = "puff" }, High = new Quantity { Value = 2m, Unit = "puff" } } }],
        };

        var (dose, _, frequency, _) = DosageText.Of([dosage]);

        Assert.Equal("1-2 puff", dose);
        Assert.Equal("every 4-6 hours, as needed for pain", frequency);
    }

    [Fact]
    public void Of_Infusion_DoseAtRate()
    {
        var dosage = new Dosage
        {
            DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = 2m, Unit = "g" }, Rate = new Quantity { Value = 50m, Unit = "mL/h" } }],
        };

        Assert.Equal("2 g at 50 mL/h", DosageText.Of([dosage]).Dose);
    }

    [Fact]
    public void Of_Taper_InstructionsInSequenceOrder()
    {
        Dosage Step(int sequence, decimal mg) => new()
        {
            Sequence = sequence,
            DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = mg, Unit = "mg" } }],
        };

        Assert.Equal("40 mg; 20 mg", DosageText.Of([Step(2, 20m), Step(1, 40m)]).Dose);
    }
}
