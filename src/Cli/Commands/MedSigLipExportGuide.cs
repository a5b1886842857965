using ClinicalAgent.Agent.Vision;

namespace ClinicalAgent.Cli.Commands;

/// <summary>What <c>model pull medsiglip</c> prints: MedSigLIP cannot be downloaded for the user, so the one-time export.</summary>
public static class MedSigLipExportGuide
{
    public const string Repository = "google/medsiglip-448";

    /// <summary>The export steps and the Python that writes the folder layout <see cref="MedSigLipFiles"/> expects.</summary>
    public static string Text { get; } = $$$"""
        MedSigLIP has no official ONNX export, and its weights are gated (Health AI Developer Foundations terms), so
        ClinicalAgent cannot download it for you. Export it once:

        1. Accept the terms at https://huggingface.co/{{{Repository}}} and log in: `huggingface-cli login`.
        2. pip install "torch>=2.5" "transformers>=4.49" sentencepiece onnx huggingface_hub
        3. Run this Python (about 7 GB of RAM; writes ~3.5 GB to ./medsiglip-448):

        import json, os, shutil, torch
        from huggingface_hub import hf_hub_download
        from transformers import AutoModel

        out = "medsiglip-448"
        os.makedirs(out, exist_ok=True)
        model = AutoModel.from_pretrained("{{{Repository}}}").eval()

        def pooled(r):  # newer transformers return an output object rather than the tensor
            return r if torch.is_tensor(r) else r.pooler_output

        class Vision(torch.nn.Module):
            def __init__(self, m): super().__init__(); self.m = m
            def forward(self, pixel_values): return pooled(self.m.get_image_features(pixel_values=pixel_values))

        class Text(torch.nn.Module):
            def __init__(self, m): super().__init__(); self.m = m
            def forward(self, input_ids): return pooled(self.m.get_text_features(input_ids=input_ids))

        with torch.no_grad():
            torch.onnx.export(Vision(model), (torch.zeros(1, 3, 448, 448),), f"{out}/{{{MedSigLipFiles.VisionModelName}}}",
                input_names=["pixel_values"], output_names=["image_embeds"], opset_version=17, dynamo=False,
                dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}})
            torch.onnx.export(Text(model), (torch.ones(1, 64, dtype=torch.long),), f"{out}/{{{MedSigLipFiles.TextModelName}}}",
                input_names=["input_ids"], output_names=["text_embeds"], opset_version=17, dynamo=False,
                dynamic_axes={"input_ids": {0: "batch"}, "text_embeds": {0: "batch"}})

        shutil.copy(hf_hub_download("{{{Repository}}}", "spiece.model"), f"{out}/{{{MedSigLipFiles.TokenizerName}}}")
        with open(f"{out}/{{{MedSigLipFiles.ConfigName}}}", "w") as f:
            json.dump({"model": "medsiglip-448",
                       "logit_scale": model.logit_scale.item(),  # the LOG of the scale, as stored; ClinicalAgent applies exp
                       "logit_bias": model.logit_bias.item(),
                       "image_size": 448, "max_text_tokens": 64}, f, indent=2)

        4. Check the folder:  clinicalagent model pull medsiglip --path medsiglip-448
        5. Use it:            set Vision:MedSigLip:Path (or CLINICALAGENT_Vision__MedSigLip__Path) to that folder.

        Expected: pixel_values float [batch, 3, 448, 448] -> image_embeds float [batch, 1152];
                  input_ids int64 [batch, 64] (labels lower-cased, punctuation removed, </s> appended, padded with </s> = id 1)
                  -> text_embeds float [batch, 1152]. Only input_ids: MedSigLIP's text tower takes no attention mask.
        """;
}
