using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Generates a deterministic synthetic FHIR R4 population for tests, demos and MedAgentBench-style tasks: the same
/// options always give the same resources, byte for byte, and every branch of every MedAgentBench category
/// occurs among as few as 20 patients.
/// </summary>
/// <remarks>
/// Resources come in reference order (every reference points to a resource already yielded): the shared
/// Organization and Practitioners first, then each patient's Patient, Encounters and everything that refers to them.
/// One patient's record is built at a time, so a thousand patients stream in constant memory.
/// </remarks>
public sealed class SyntheticPatientGenerator(SyntheticOptions options)
{
    /// <summary>The identifier system of the MRN; <c>Patient.id</c> equals the MRN, as in MedAgentBench.</summary>
    public const string MrnSystem = "http://clinicalagent.local/mrn";

    /// <summary>Seven digits after the "S" leave room for nine million patients; far beyond that, MRNs would run out.</summary>
    private const int MaxPatients = 1_000_000;

    /// <summary>Where the style's random streams start: after every patient's own.</summary>
    private const long StyleStreams = 1L << 32;

    /// <summary>The resources, lazily, in reference order.</summary>
    public IEnumerable<Resource> Generate()
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patients);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Patients, MaxPatients);
        return Stream();
    }

    private IEnumerable<Resource> Stream()
    {
        foreach (var shared in SharedResources.Create())
        {
            yield return shared;
        }

        var clock = new ClinicTime(options.Now);
        var mrnRandom = SyntheticRandom.For(options.Seed, -1);
        var mrns = new HashSet<string>();
        for (var i = 0; i < options.Patients; i++)
        {
            string mrn;
            do
            {
                mrn = "S" + mrnRandom.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
            }
            while (!mrns.Add(mrn));

            var record = new PatientRecordBuilder(i, mrn, SyntheticRandom.For(options.Seed, i), clock).Build();
            if (options.Style == SyntheticStyle.Synthea)
            {
                // Its own stream, so the Synthea style reshapes exactly the patients the standard style generates.
                record = SyntheaStyle.Apply(record, SyntheticRandom.For(options.Seed, StyleStreams + i), options.Now);
            }

            foreach (var resource in record)
            {
                yield return resource;
            }
        }
    }
}
