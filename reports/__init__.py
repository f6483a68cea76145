"""Organizer digests, the final DOCX protocol, results emails, exports."""
