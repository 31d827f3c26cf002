"""What a record is and may hold: model, vocabulary, values, bounds, validation, filters."""
