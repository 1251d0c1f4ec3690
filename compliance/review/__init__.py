"""The review queue: drafts an employee chose to submit, reviewers' decisions and feedback on the checker."""
