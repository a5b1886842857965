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

    /// <summary>Where the imaging random streams start: after the style's.</summary>
    private const long ImagingStreams = 2L << 32;

    /// <summary>Images have two shapes; the MedAgentBench style's are the standard ones.</summary>
    private SyntheticStyle ImageStyle => options.Style == SyntheticStyle.Synthea ? SyntheticStyle.Synthea : SyntheticStyle.Standard;

    /// <summary>The resources, lazily, in reference order.</summary>
    public IEnumerable<Resource> Generate() => Generate(null);

    /// <summary>
    /// The resources, lazily, in reference order; the ground truth of each generated image is added to
    /// <paramref name="imageFindings"/> as its patient's resources are yielded (all of it once the stream has been read).
    /// </summary>
    /// <remarks>
    /// A Binary's <c>securityContext</c> is the one reference that points forward: a study's DICOM files come just
    /// before the ImagingStudy that names them, so each points at the other.
    /// </remarks>
    public IEnumerable<Resource> Generate(ICollection<SyntheticImageFinding>? imageFindings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patients);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Patients, MaxPatients);
        return Stream(imageFindings);
    }

    private IEnumerable<Resource> Stream(ICollection<SyntheticImageFinding>? imageFindings)
    {
        foreach (var shared in SharedResources.Create())
        {
            yield return shared;
        }

        if (options.Images && Enumerable.Range(0, options.Patients).Any(ImagingPlanner.HasImaging))
        {
            yield return ImagingCodes.Endpoint();
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
            else if (options.Style == SyntheticStyle.MedAgentBench)
            {
                // Draws nothing: the same patients as the standard style, with the benchmark's lab codes added.
                record = MedAgentBenchStyle.Apply(record);
            }

            if (options.Images)
            {
                // Its own stream too, so a record with images holds exactly the resources it holds without them.
                var findings = ImagingRecordBuilder.Append(record, i, options.Seed, ImageStyle, SyntheticRandom.For(options.Seed, ImagingStreams + i), options.Now);
                foreach (var finding in findings)
                {
                    imageFindings?.Add(finding);
                }
            }

            foreach (var resource in record)
            {
                yield return resource;
            }
        }
    }
}
