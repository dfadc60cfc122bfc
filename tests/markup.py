"""The class attributes of the NL Design System components, for tests that read a page's HTML."""

CELL = 'class="utrecht-table__cell"'
NUMBER_CELL = 'class="utrecht-table__cell utrecht-table__cell--numeric-column"'
# A report's number cells keep "num" for the PDF's own stylesheet.
REPORT_NUMBER_CELL = 'class="utrecht-table__cell utrecht-table__cell--numeric-column num"'
REPORT_NUMBER_HEADER = (
    'class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column num"'
)
ROW_HEADER = 'class="utrecht-table__header-cell" scope="row"'
FIELD_ERROR = 'class="utrecht-form-field-error-message"'
LEGEND = 'class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"'
LINK = 'class="utrecht-link"'
H1 = 'class="utrecht-heading-1"'
