"""The pack: safe YAML reading, the validated model, adaptations, variables, licences and labels."""
