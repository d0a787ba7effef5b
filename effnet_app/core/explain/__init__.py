"""What the network looks at: SE gates, feature maps, Grad-CAM, class profiles, colour maps."""
