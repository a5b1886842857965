using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ClinicalAgent.Imaging;
using ClinicalAgent.Tools.Images;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Results;
using ClinicalAgent.Tools.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Plugins;

/// <summary>
/// The images in a record: list them, ask a vision model about one or about a current and a prior one, score labels
/// against one. Every answer cites the image id (<see cref="ImageId"/>), so what the model says can be traced to pixels.
/// </summary>
internal sealed class ImagePlugin(ClinicalRecords records, RecordImages images, ImageModels models, ClinicalClock clock, ILogger<ImagePlugin>? logger = null)
{
    /// <summary>The most labels one classify_image call scores.</summary>
    internal const int MaxLabels = 16;

    /// <summary>The longest label, in characters (MedSigLIP reads 64 tokens of text).</summary>
    internal const int MaxLabelLength = 64;

    private const string ScoresNote = "Each score is an independent sigmoid in [0, 1] (SigLIP), not a share of 1: several labels can score high, or none.";

    private readonly ILogger _logger = logger ?? NullLogger<ImagePlugin>.Instance;

    [KernelFunction("list_images")]
    [Description("A patient's images, newest first, with the ids the other image tools take.")]
    public Task<string> ListImagesAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description("Only this modality, e.g. CR, DX, CT, XC")] string? modality = null,
        [Description("Only images whose body site or title contains this, e.g. chest")] string? body_site = null,
        [Description(ParameterText.Since)] string? since = null,
        [Description(ParameterText.Limit), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "list_images", patient_id, async () =>
        {
            var patient = await records.GetPatientAsync(patient_id, cancellationToken).ConfigureAwait(false);
            DateTimeOffset? from = null;
            if (!string.IsNullOrWhiteSpace(since))
            {
                from = TimeExpression.Parse(since, await clock.GetNowAsync(cancellationToken).ConfigureAwait(false), "since");
            }

            var all = await images.ListAsync(patient, cancellationToken).ConfigureAwait(false);
            var selected = all
                .Where(e => string.IsNullOrWhiteSpace(modality) || string.Equals(e.Modality, modality.Trim(), StringComparison.OrdinalIgnoreCase))
                .Where(e => string.IsNullOrWhiteSpace(body_site) || Contains(e.BodySite, body_site) || Contains(e.Title, body_site))
                .Where(e => from is null || e.Moment >= from)
                .ToList();
            var max = records.Limit(limit);
            var rows = selected.Take(max).Select(Row).ToList();
            var note = rows.Count > 0 ? null : all.Count == 0 ? "No images in this record." : "No images match; drop a filter to see all.";
            return new ToolList<ImageRow>(rows, selected.Count > max, note);
        });

    [KernelFunction("describe_image")]
    [Description("Asks the vision model a question about one image: findings bearing on it, with uncertainty. Cite the image id.")]
    public Task<string> DescribeImageAsync(
        [Description("The image's id from list_images")] string image_id,
        [Description("e.g. 'Is there a pleural effusion?'"), MaxLength(1000)] string question,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "describe_image", image_id, async () =>
        {
            var asked = Question(question);
            var image = await PrepareAsync(image_id, "image_id", cancellationToken).ConfigureAwait(false);
            var instruction = ImagePrompts.Fill(ImagePrompts.Describe, new Dictionary<string, string>
            {
                ["image"] = image.Entry.Id.ToString(),
                ["about"] = About(image.Entry),
                ["question"] = asked,
            });
            var (answer, model) = await models.AskAsync("describe_image", instruction, [image.Png], cancellationToken).ConfigureAwait(false);
            return new ImageAnswer(image.Entry.Id.ToString(), Patient(image.Entry), image.Entry.Date, image.Entry.Modality, asked, answer, model);
        });

    [KernelFunction("classify_image")]
    [Description("Scores labels against one image with MedSigLIP (zero-shot): an independent score in [0, 1] per label, in order.")]
    public Task<string> ClassifyImageAsync(
        [Description("The image's id from list_images")] string image_id,
        [Description("Short phrases of at most 64 characters, e.g. 'a chest X-ray with a pleural effusion'"), MinLength(1), MaxLength(MaxLabels)] string[] labels,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "classify_image", image_id, async () =>
        {
            var checkedLabels = Labels(labels);
            var classifier = models.Classifier;
            var image = await PrepareAsync(image_id, "image_id", cancellationToken).ConfigureAwait(false);
            IReadOnlyList<LabelScore> scores;
            try
            {
                scores = await classifier.ClassifyAsync(image.Pixels, checkedLabels, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageModelException ex)
            {
                throw new ToolArgumentException(ex.Message);
            }

            if (scores.Count != checkedLabels.Count)
            {
                throw new InvalidOperationException($"{classifier.ModelName} returned {scores.Count} scores for {checkedLabels.Count} labels.");
            }

            // Reported by position in the caller's order, whatever text the classifier echoed.
            var rows = checkedLabels.Select((label, i) => new LabelScoreRow(label, Math.Round(scores[i].Score, 4))).ToList();
            return new ImageScores(image.Entry.Id.ToString(), Patient(image.Entry), classifier.ModelName, rows, ScoresNote);
        });

    [KernelFunction("compare_images")]
    [Description("Asks the vision model what is new, resolved or unchanged between a current and a prior image of one patient. Cite both ids.")]
    public Task<string> CompareImagesAsync(
        [Description("The newer image's id")] string current_id,
        [Description("The older image's id")] string prior_id,
        [Description("e.g. 'Has the effusion changed?'"), MaxLength(1000)] string question,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "compare_images", current_id, async () =>
        {
            var asked = Question(question);
            var currentId = ImageId.Parse(current_id, "current_id");
            var priorId = ImageId.Parse(prior_id, "prior_id");
            if (currentId == priorId)
            {
                throw new ToolArgumentException("current_id and prior_id are the same image; compare two different images.");
            }

            var current = await PrepareAsync(currentId, cancellationToken).ConfigureAwait(false);
            var prior = await PrepareAsync(priorId, cancellationToken).ConfigureAwait(false);
            if (current.Entry.PatientId is null || current.Entry.PatientId != prior.Entry.PatientId)
            {
                throw new ToolArgumentException(
                    $"{currentId} and {priorId} are not images of the same patient ({current.Entry.PatientId ?? "unknown"} and {prior.Entry.PatientId ?? "unknown"}); compare_images compares one patient's images.");
            }

            var instruction = ImagePrompts.Fill(ImagePrompts.Compare, new Dictionary<string, string>
            {
                ["current"] = currentId.ToString(),
                ["current_about"] = About(current.Entry),
                ["prior"] = priorId.ToString(),
                ["prior_about"] = About(prior.Entry),
                ["question"] = asked,
            });
            var (answer, model) = await models.AskAsync("compare_images", instruction, [current.Png, prior.Png], cancellationToken).ConfigureAwait(false);
            return new ImageComparison(currentId.ToString(), current.Entry.Date, priorId.ToString(), prior.Entry.Date, Patient(current.Entry), asked, answer, model);
        });

    private Task<PreparedImage> PrepareAsync(string text, string parameter, CancellationToken cancellationToken) =>
        PrepareAsync(ImageId.Parse(text, parameter), cancellationToken);

    /// <summary>Finds, decodes and shrinks the image, and encodes it as the PNG a vision model takes.</summary>
    private async Task<PreparedImage> PrepareAsync(ImageId id, CancellationToken cancellationToken)
    {
        var entry = await images.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var pixels = ImageResizer.Cap(await images.DecodeAsync(entry, cancellationToken).ConfigureAwait(false), records.Options.MaxImageSide);
        return new PreparedImage(entry, pixels, PngEncoding.Encode(pixels));
    }

    private static string Question(string? question) =>
        string.IsNullOrWhiteSpace(question)
            ? throw new ToolArgumentException("question is required: what to ask about the image, e.g. 'Is there a pleural effusion?'.")
            : question.Trim();

    private static List<string> Labels(string[]? labels)
    {
        var list = (labels ?? []).Select(l => (l ?? "").Trim()).ToList();
        if (list.Count is 0 or > MaxLabels)
        {
            throw new ToolArgumentException($"labels must hold 1 to {MaxLabels} candidate labels, not {list.Count}.");
        }

        if (list.FindIndex(l => l.Length == 0) is var empty and >= 0)
        {
            throw new ToolArgumentException($"labels[{empty}] is empty; each label is a short phrase such as 'a normal chest X-ray'.");
        }

        if (list.FindIndex(l => l.Length > MaxLabelLength) is var longer and >= 0)
        {
            throw new ToolArgumentException($"labels[{longer}] has {list[longer].Length} characters; keep each label to {MaxLabelLength}.");
        }

        return list;
    }

    private static ImageRow Row(ImageEntry e) => new(
        e.Id.ToString(), e.Date, e.Modality, e.BodySite, e.Title, e.Id.Resource, e.ContentType,
        e is { Width: { } w, Height: { } h } ? string.Create(CultureInfo.InvariantCulture, $"{w}×{h}") : null, e.Bytes);

    /// <summary>What the image is, in words for the prompt: modality, body site, date.</summary>
    private static string About(ImageEntry e) =>
        string.Join(", ", new[] { e.Modality, e.BodySite, e.Title, e.Date is null ? null : "taken " + e.Date }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct())
        is { Length: > 0 } text ? text : "no details recorded";

    private static string? Patient(ImageEntry e) => e.PatientId is null ? null : "Patient/" + e.PatientId;

    private static bool Contains(string? text, string part) => text?.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase) == true;
}
