"""forms admin feature package: the builder for checklists and forms, their versions, import/export."""
