"""The group view for coaches: input, overview, text, chart, PDF, item statistics."""
