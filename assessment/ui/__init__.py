"""The browser UI: the only package that imports Streamlit. Views render; the domain computes."""
