"""Import and template pages for the registers (fazhi.registers.base)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.records.pages import (
    XLSX_CONTENT_TYPE,
    BootstrapFormMixin,
    can_add,
    can_view,
    pages_for,
    zone_wide_writer,
)
from fazhi.registers.base import MAX_REPORTED_ERRORS, REGISTERS, Register, UnknownRegisterError, get_register
from fazhi.registers.tabular import TableFormatError, file_kind

# Larger than any register we keep (100,000 market entities are about 6 MB as xlsx).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "csv": "text/csv; charset=utf-8"}


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("文件"), help_text=gettext_lazy("Excel（.xlsx）或 CSV 文件，第1行为表头"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("只检查不导入"), required=False,
        help_text=gettext_lazy("勾选后只检查文件中的错误，不写入任何数据"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件过大：不能超过%(mb)dMB。") % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024})
        try:
            self.kind = file_kind(upload.name)
        except TableFormatError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


def _register_or_404(name: str) -> Register:
    try:
        return get_register(name)
    except UnknownRegisterError:
        raise Http404 from None


def _list_url(register: Register) -> str | None:
    pages = pages_for(register.model)
    if pages is None or "list" not in pages.actions:
        return None
    try:
        return reverse(f"{pages.namespace}:list")
    except NoReverseMatch:
        return None


@login_required
def index(request):
    """The registers the user may import into or download a template of."""
    rows = [
        {"register": register, "can_import": register.importable and can_add(request.user, register.model),
         "list_url": _list_url(register)}
        for register in REGISTERS.values()
        if can_add(request.user, register.model) or can_view(request.user, register.model)
    ]
    return render(request, "registers/index.html", {"rows": rows})


@login_required
def template(request, name: str, kind: str):
    """An empty file with the register's headers, drop-downs and filling notes."""
    register = _register_or_404(name)
    if not (can_add(request.user, register.model) or can_view(request.user, register.model)):
        raise PermissionDenied
    filename = f"{register.title}-导入模板.{kind}"
    return HttpResponse(register.template(kind), content_type=CONTENT_TYPES[kind],
                        headers={"Content-Disposition": content_disposition_header(True, filename)})


@login_required
def import_file(request, name: str):
    """Upload a spreadsheet: every row is checked, and all rows are written or none."""
    register = _register_or_404(name)
    if not can_add(request.user, register.model):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = register.import_file(
                    upload.read(), form.kind, user=request.user,
                    dry_run=form.cleaned_data["dry_run"], source=upload.name,
                )
            except TableFormatError as error:
                form.add_error("file", str(error))
    else:
        form = ImportForm()
    return render(request, "registers/import.html", {
        "register": register,
        "form": form,
        "result": result,
        "max_errors": MAX_REPORTED_ERRORS,
        "list_url": _list_url(register),
        "own_unit_only": not zone_wide_writer(request.user, register.model),
    })
