"""The built-in field types. Importing this package registers them all in `FIELD_TYPES`.

The registry keeps the order of registration, which is the order a builder offers the types in:
steps first, then values, then choices. Hence the imports are not sorted.
"""

# isort: skip_file
from forms.fieldtypes.steps import CallField, CheckField, HeadingField
from forms.fieldtypes.values import YesNoField, TextField, LongTextField, NumberField, DateField, DateTimeField
from forms.fieldtypes.choices import SingleChoiceField, MultipleChoiceField, ContactField

__all__ = [
    "CallField",
    "CheckField",
    "ContactField",
    "DateField",
    "DateTimeField",
    "HeadingField",
    "LongTextField",
    "MultipleChoiceField",
    "NumberField",
    "SingleChoiceField",
    "TextField",
    "YesNoField",
]
