"""RFT graders (`fine_tuning.alpha.graders`): their shape, and the reward each computes for a sample and an item."""
