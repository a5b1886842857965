using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// <c>medsiglip.json</c>: how to turn a cosine into a score, and the sizes an export with dynamic shapes does not say.
/// <c>logit_scale</c> holds the <b>log</b> of the scale, as SigLIP's parameter stores it (<c>model.logit_scale.item()</c>,
/// about 4.7 for MedSigLIP); the classifier multiplies by its exp. <c>logit_bias</c> is used as stored.
/// </summary>
public sealed record MedSigLipConfig(double LogitScaleLog, double LogitBias, int? ImageSize, int? MaxTextTokens, string? Model)
{
    /// <summary>A stored log above this is surely an exp written by mistake (exp(10) ≈ 22,026; SigLIP clips its scale at 100 or so).</summary>
    public const double MaxLogitScaleLog = 10;

    /// <summary>The multiplier of the cosine: exp(<see cref="LogitScaleLog"/>).</summary>
    public double LogitScale => Math.Exp(LogitScaleLog);

    /// <exception cref="MedSigLipException">The file is missing, not JSON, or lacks or misstates a value; the message names it.</exception>
    public static MedSigLipConfig Read(string path)
    {
        if (!File.Exists(path))
            throw new MedSigLipException(path, $"MedSigLIP config {path} is missing: write {{\"logit_scale\": <log of the scale>, \"logit_bias\": <bias>}} (see 'clinicalagent model pull medsiglip').");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new MedSigLipException(path, $"MedSigLIP config {path} is not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new MedSigLipException(path, $"MedSigLIP config {path} is not a JSON object.");
            var root = document.RootElement;
            var scale = Number(root, "logit_scale", path) ?? throw Missing(path, "logit_scale");
            var bias = Number(root, "logit_bias", path) ?? throw Missing(path, "logit_bias");
            if (scale > MaxLogitScaleLog)
                throw new MedSigLipException(path, string.Create(CultureInfo.InvariantCulture,
                    $"MedSigLIP config {path}: logit_scale {scale} looks like exp(scale); the file holds the log (model.logit_scale.item(), about 4.7), so write {Math.Log(scale):0.######}."));
            return new MedSigLipConfig(scale, bias, Size(root, "image_size", path), Size(root, "max_text_tokens", path),
                root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null);
        }
    }

    private static MedSigLipException Missing(string path, string key) =>
        new(path, $"MedSigLIP config {path} has no number '{key}' (the model's {key} parameter, as exported).");

    private static double? Number(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            throw new MedSigLipException(path, $"MedSigLIP config {path}: '{key}' is not a finite number.");
        return value.GetDouble();
    }

    private static int? Size(JsonElement root, string key, string path)
    {
        if (Number(root, key, path) is not { } number)
            return null;
        if (number is < 1 or > 100_000 || number != Math.Floor(number))
            throw new MedSigLipException(path, $"MedSigLIP config {path}: '{key}' must be a positive whole number.");
        return (int)number;
    }
}
