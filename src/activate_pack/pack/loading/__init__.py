"""Reading a pack folder into the model: adaptations, translations, limits and advice."""
