/// Which answers of a run a prediction row holds: the served model's (the champion views, `predict`, `explain`), or
/// the holdout evaluation's own (the model that was scored, before it learned its relations from every track).
enum ModelAnswerKind { case served, holdout }
