"""Personal-data protection the law expects (LGPDPPSO): the privacy notice, retention, ARCO."""
