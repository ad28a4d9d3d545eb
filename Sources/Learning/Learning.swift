// Placeholder until the learning engine lands.
enum LearningPlaceholder {}
