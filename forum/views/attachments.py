from django.http import Http404
from django.shortcuts import get_object_or_404

from ..attachments import can_download, file_response
from ..models import Attachment


def download(request, pk, filename):
    """Serve an attachment to whoever may see its post; 404 for everyone else. The name in
    the address is for people and browsers only: the number decides."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("post__thread__category"), pk=pk
    )
    if not can_download(request.user, attachment):
        raise Http404
    try:
        return file_response(attachment)
    except FileNotFoundError:
        raise Http404 from None
